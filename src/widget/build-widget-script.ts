import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, transform } from 'esbuild';

const widgetDirectory = import.meta.dirname;

/**
 * Bundles a browser entry from `src/widget/` into one minified, self-contained script, with the
 * widget's stylesheet minified and inlined as a string (it is applied as a constructable
 * stylesheet, so it works under a strict Content-Security-Policy). Runs in memory at start-up.
 */
export async function buildWidgetScript(options: { entry?: string; minify?: boolean; globalName?: string } = {}): Promise<string> {
  const css = await transform(await readFile(join(widgetDirectory, 'widget.css'), 'utf8'), { loader: 'css', minify: true });
  const result = await build({
    entryPoints: [resolve(widgetDirectory, options.entry ?? 'index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: options.globalName,
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    minify: options.minify ?? true,
    legalComments: 'none',
    charset: 'utf8',
    define: { WIDGET_CSS: JSON.stringify(css.code.trim()) },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
