// Where a server's CPU went, from a V8 CPU profile (`node --cpu-prof`): self time grouped by package
// (Next's compiled server, the app's chunks, each Node module, the garbage collector…) and the busiest
// functions, as shares of the busy time after the first SKIP seconds (the start and the warm-up).
//
//   LOAD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/pm-prof/app" \
//   LOAD_FLOOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/pm-prof/floor" LOAD_PAGES=/login:- npm run bench:cpu
//   npm run bench:profile -- /tmp/pm-prof/app/*.cpuprofile
//
// PROFILE_SKIP_S (10), PROFILE_TOP (20 groups and functions). Output is markdown.
import fs from "node:fs";

type Frame = { functionName: string; url: string; lineNumber: number };
type Profile = { nodes: { id: number; callFrame: Frame }[]; startTime: number; samples: number[]; timeDeltas: number[] };

const SKIP_US = Number(process.env.PROFILE_SKIP_S ?? 10) * 1e6;
const TOP = Number(process.env.PROFILE_TOP ?? 20);

/** The package or module a frame belongs to: what one would change (or not) to make it cheaper. */
function groupOf({ functionName, url }: Frame): string {
  if (!url) return functionName || "(native)";
  const file = url.replace(/^file:\/\//, "");
  const pkg = /node_modules\/(next\/dist\/compiled\/[^/]+|next\/dist\/server\/[^/]+|next\/dist\/[^/]+|@[^/]+\/[^/]+|[^/]+)/.exec(file);
  if (pkg) return pkg[1]!;
  if (file.startsWith("node:")) return file;
  const built = /\.next\/(server\/chunks|server\/app|pm-server|[^/]+)/.exec(file);
  return built ? `.next/${built[1]}` : file.slice(-60);
}

function summarize(file: string): void {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i]!;
    t += dt;
    const frame = frames.get(id)!;
    if (t - profile.startTime < SKIP_US || frame.functionName === "(idle)") return;
    busy += dt;
    const group = groupOf(frame);
    groups.set(group, (groups.get(group) ?? 0) + dt);
    const name = `${frame.functionName || "(anonymous)"} · ${group}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + dt);
  });
  const pct = (us: number) => ((100 * us) / busy).toFixed(1);
  console.log(`## ${file}\n\nBusy ${(busy / 1e6).toFixed(2)} s after the first ${SKIP_US / 1e6} s.\n`);
  console.log("| package or module | % of busy |\n| --- | ---: |");
  for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`| ${g} | ${pct(us)} |`);
  console.log("\n| function | % of busy |\n| --- | ---: |");
  for (const [f, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`| ${f.replace(/\|/g, "\\|")} | ${pct(us)} |`);
  console.log();
}

const files = process.argv.slice(2);
if (files.length === 0) throw new Error("bench:profile: give one or more .cpuprofile files");
for (const f of files) summarize(f);
