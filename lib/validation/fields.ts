// Fields the input schemas share: a record's id as the forms send it, and the version a change was read at.
import "./zod-setup";
import { z } from "zod";
import { INT32_MAX } from "../domain";

export const id = z.string().trim().min(1, "missingId").max(64, "idTooLong");
/** Within the integer column it is compared with: a larger one could only fail in the database. */
export const version = z.number({ error: "missingVersion" }).int().min(1).max(INT32_MAX);
