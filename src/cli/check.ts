import type { Command } from "commander"; import type { CliIo } from "./main.js"; export function registerCheck(_p: Command, _io: CliIo): void {}
