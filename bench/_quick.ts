import { signIn, get, load } from "./http";
const base = "http://127.0.0.1:3511";
const who = process.argv[2]!, path = process.argv[3]!;
const cookie = await signIn(base, who, "manager-demo");
const one = await get(base + path, cookie);
const times: number[] = [];
for (let i = 0; i < 10; i++) times.push((await get(base + path, cookie)).ms);
const ft: number[] = [];
for (let i = 0; i < 10; i++) ft.push((await get("http://127.0.0.1:3512/")).ms);
times.sort((a, b) => a - b); ft.sort((a, b) => a - b);
console.log(path, one.status, one.bytes, "bytes; median", times[5]!.toFixed(1), "ms; floor median", ft[5]!.toFixed(1));
if (process.argv[4]) {
  const f = await load("http://127.0.0.1:3512/", { connections: 20, seconds: 5 });
  const p = await load(base + path, { cookie, connections: 20, seconds: 5 });
  console.log("floor", JSON.stringify(f), "\npage ", JSON.stringify(p));
}
