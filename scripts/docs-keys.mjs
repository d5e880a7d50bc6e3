// `npm run docs:keys`: rewrites the README's key table from the keymap registry (after `npm run build`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupRegistry } from '../dist/ui/views/index.js';
import { registry } from '../dist/ui/views/registry.js';
import { keymap } from '../dist/ui/keymap.js';
import { keyTable, withKeyTable } from '../dist/ui/key-table.js';

const readme = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
setupRegistry();
const before = fs.readFileSync(readme, 'utf8');
const after = withKeyTable(before, keyTable(keymap, registry));
if (after !== before) fs.writeFileSync(readme, after);
process.stdout.write(
  after === before ? 'README.md: key table already up to date\n' : 'README.md: key table rewritten\n',
);
