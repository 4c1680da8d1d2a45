/**
 * `node bench/profile-summary.ts <file.cpuprofile> [top]`: self time by function and by package,
 * so the closing note can name what limits a figure with numbers.
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const source = /\/(src|bench|test)\/(.+)$/.exec(url);
  if (source) return `${source[1]}/${source[2]!.split('/').slice(0, -1).join('/') || '.'}`;
  return url.startsWith('node:') ? 'node internals' : url;
}

/** Milliseconds of self time per function and per package, largest first. */
export function summarizeProfile(profile: Profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, position) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[position] ?? 0) / 1000));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, milliseconds] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + milliseconds);
    packages.set(packageOf(frame.url), (packages.get(packageOf(frame.url)) ?? 0) + milliseconds);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).map(([name, milliseconds]) => ({ name, milliseconds: Math.round(milliseconds) }));
  return { totalMs: Math.round((profile.endTime - profile.startTime) / 1000), functions: sorted(functions), packages: sorted(packages) };
}

if (import.meta.main) {
  const [file, top = '25'] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node bench/profile-summary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')) as Profile);
  process.stdout.write(`total ${summary.totalMs} ms\n\nby package (self time):\n`);
  for (const entry of summary.packages.slice(0, Number(top))) process.stdout.write(`  ${String(entry.milliseconds).padStart(7)} ms  ${entry.name}\n`);
  process.stdout.write('\nby function (self time):\n');
  for (const entry of summary.functions.slice(0, Number(top))) process.stdout.write(`  ${String(entry.milliseconds).padStart(7)} ms  ${entry.name}\n`);
}
