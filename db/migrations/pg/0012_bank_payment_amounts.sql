-- A bank file may report any amount its format allows (15 digits of minor units): the import failed on
-- PostgreSQL for one above an integer's range (CHF 21,474,836.47), whatever else the file held.
ALTER TABLE "bank_payments" ALTER COLUMN "amount_minor" SET DATA TYPE bigint;