import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface Prompts {
  /** Names of the loaded prompts (file names without `.md`). */
  names: string[];
  /**
   * Renders a prompt, replacing each `{{variable}}` with its value. Throws when the prompt does not
   * exist, when the prompt uses a variable that was not given, or when a given variable is not used.
   */
  render(name: string, variables: Record<string, string>): string;
}

const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Reads every `*.md` file in `directory` once, at start. */
export async function loadPrompts(directory: string): Promise<Prompts> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.md')).sort();
  const templates = new Map<string, string>();
  for (const file of files) templates.set(basename(file, '.md'), await readFile(join(directory, file), 'utf8'));
  return createPrompts(templates);
}

/** Prompts from templates already in memory; `loadPrompts` reads them from disk. */
export function createPrompts(templates: Map<string, string>): Prompts {
  return {
    names: [...templates.keys()],
    render(name, variables) {
      const template = templates.get(name);
      if (template === undefined) throw new Error(`No prompt named "${name}" (have: ${[...templates.keys()].join(', ') || 'none'}).`);
      const used = new Set<string>();
      const text = template.replace(placeholder, (_match, variable: string) => {
        const value = variables[variable];
        if (value === undefined) throw new Error(`Prompt "${name}" needs the variable "${variable}", which was not given.`);
        used.add(variable);
        return value;
      });
      const unused = Object.keys(variables).filter((variable) => !used.has(variable));
      if (unused.length > 0) throw new Error(`Prompt "${name}" does not use the variable(s) ${unused.join(', ')}.`);
      return text.trim();
    },
  };
}

/** Throws unless every named prompt is present, so a missing file fails at start, not on the first question. */
export function requirePrompts(prompts: Prompts, names: string[]): void {
  const missing = names.filter((name) => !prompts.names.includes(name));
  if (missing.length > 0) throw new Error(`Missing prompt file(s): ${missing.map((name) => `${name}.md`).join(', ')}.`);
}
