#!/usr/bin/env node
// The deskpulse command. It runs the TypeScript sources directly (through tsx), so it works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
