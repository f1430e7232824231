// Lighthouse performance scores of a signed-in page and of the floor page, in alternating runs in one
// headless Chromium (CHROME_PATH, default Debian's /usr/bin/chromium; no sandbox: we run as root).
type Lhr = { categories: { performance: { score: number | null } }; audits: Record<string, { numericValue?: number }> };
type LighthouseFn = (url: string, flags: Record<string, unknown>) => Promise<{ lhr: Lhr } | undefined>;

export type LighthouseRun = { score: number; tbtMs: number; lcpMs: number };

export async function lighthouseRuns(pages: { label: string; url: string; cookie?: string }[], rounds: number): Promise<Map<string, LighthouseRun[]>> {
  const lighthouse = (await import("lighthouse")).default as unknown as LighthouseFn;
  const launcher = await import("chrome-launcher");
  const chrome = await launcher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const out = new Map<string, LighthouseRun[]>();
  try {
    for (let r = 0; r < rounds; r++) {
      for (const page of pages) {
        const result = await lighthouse(page.url, {
          port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"],
          extraHeaders: page.cookie ? { Cookie: page.cookie } : undefined,
        });
        if (!result) throw new Error(`bench: lighthouse gave no result for ${page.url}`);
        const { lhr } = result;
        out.set(page.label, [...(out.get(page.label) ?? []), {
          score: Math.round((lhr.categories.performance.score ?? 0) * 100),
          tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
          lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN,
        }]);
      }
    }
  } finally {
    chrome.kill();
  }
  return out;
}
