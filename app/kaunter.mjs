#!/usr/bin/env node
// The `kaunter` command. It runs the TypeScript sources through tsx, so support staff never meet a stale build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
