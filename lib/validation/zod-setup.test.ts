// Schemas shared with the browser must be built after zod is told not to probe for eval (zod-setup.ts),
// or the page reports a CSP violation. Checked on the sources, since the order of imports is the point.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { globalConfig } from "zod/v4/core";

const dir = "lib/validation";
const modules = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "zod-setup.ts");

describe("zod under a strict CSP", () => {
  it.each(modules.filter((f) => /^import \{[^}]*\} from "zod";$/m.test(fs.readFileSync(path.join(dir, f), "utf8"))))(
    "%s imports ./zod-setup before zod",
    (file) => {
      const imports = [...fs.readFileSync(path.join(dir, file), "utf8").matchAll(/^import .*$/gm)].map((m) => m[0]);
      expect(imports[0]).toBe('import "./zod-setup";');
    },
  );

  it("turns the eval probe off once a schema module is loaded", async () => {
    await import("./partnership");
    expect(globalConfig.jitless).toBe(true);
  });
});
