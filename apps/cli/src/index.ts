export { runCli, type RunOptions } from './cli/run-cli.ts';
export { CliError, UsageError, USAGE_EXIT, INTERRUPTED_EXIT } from './cli/cli-error.ts';
export { COMMANDS } from './commands/registry.ts';
export type { Command, CommandContext, Io, OptionSpec } from './commands/command.ts';
