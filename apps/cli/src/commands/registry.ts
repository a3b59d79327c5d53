import { attendCommand } from './attend.ts';
import { backendsCommand } from './backends.ts';
import type { Command } from './command.ts';
import { countCommand } from './count.ts';
import { evaluateCommand } from './evaluate.ts';
import { exportCommand } from './export.ts';
import { projectCommand } from './project.ts';

/** Every `dproj` command, in the order `dproj --help` lists them. */
export const COMMANDS: readonly Command[] = [backendsCommand, countCommand, projectCommand, attendCommand, exportCommand, evaluateCommand];
