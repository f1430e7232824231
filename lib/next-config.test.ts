// Several instances serve one build: BUILD_ID, when set, is the build id of every build (docs/deployment.md).
import { afterEach, describe, expect, it, vi } from "vitest";
import config from "../next.config";

describe("next.config build id", () => {
  afterEach(() => { vi.unstubAllEnvs(); });
  it("uses BUILD_ID when set, and Next's own random id otherwise", async () => {
    vi.stubEnv("BUILD_ID", "release-2026-04-08");
    expect(await config.generateBuildId!()).toBe("release-2026-04-08");
    vi.stubEnv("BUILD_ID", "");
    expect(await config.generateBuildId!()).toBeNull();
  });
});
