import type { Command, OptionSpec } from '../commands/command.ts';
import { GLOBAL_OPTIONS } from './global-options.ts';

/** `dproj --help`: usage, the commands with their summaries, the global options. */
export function mainHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = [
    `dproj ${version}: co-occurrence operators and their projection into sentences`,
    '',
    'Usage: dproj <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...optionLines({ ...GLOBAL_OPTIONS, version: { type: 'boolean', help: 'print the version' } }),
    '',
    "Run 'dproj <command> --help' for a command's options.",
  ];
  return `${lines.join('\n')}\n`;
}

/** `dproj <command> --help`: usage, summary, the command's options with defaults, global options, description. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: dproj ${command.name} ${command.usage}`.trimEnd(), '', command.summary];
  if (Object.keys(command.options).length > 0) lines.push('', 'Options:', ...optionLines(command.options));
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS));
  if (command.description !== undefined && command.description.trim() !== '') {
    lines.push('', command.description.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

/** One aligned line per option: flags, placeholder, help, and the default when the help omits it. */
function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const entries = Object.entries(options).map(([name, spec]) => {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
    const value = spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : '';
    let help = spec.help;
    if (spec.default !== undefined && spec.default !== false && !help.includes('default')) {
      help += ` (default ${String(spec.default)})`;
    }
    return { flags: `${short}--${name}${value}`, help };
  });
  const width = Math.max(...entries.map((e) => e.flags.length));
  return entries.map((e) => `  ${e.flags.padEnd(width)}  ${e.help}`);
}
