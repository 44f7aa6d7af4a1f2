import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSchemas, SCHEMA_DIR } from '../../scripts/schemas.js';

describe('JSON Schemas in docs/', () => {
  it('are the ones the zod schemas generate (run `npm run docs:schemas` after changing a schema)', () => {
    for (const [name, text] of Object.entries(generateSchemas())) {
      expect(fs.readFileSync(path.join(SCHEMA_DIR, name), 'utf8'), name).toBe(text);
    }
  });
});
