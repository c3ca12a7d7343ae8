import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules';
import { SEVERITIES } from '../../server/src/core/config';
import { REPO_ROOT } from './helpers';

const SCHEMA_FILE = path.join(REPO_ROOT, 'schemas', 'reportlintrc.schema.json');

type Schema = {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  required?: string[];
  items?: Schema;
  propertyNames?: Schema;
  minLength?: number;
  minItems?: number;
  description?: string;
};

/**
 * The part of JSON Schema draft-07 this schema uses (type, enum, properties,
 * required, additionalProperties: false, items, propertyNames, minLength,
 * minItems): enough to check the configurations the tests write, without a
 * validator dependency. Returns the problems found, as JSON paths.
 */
function validate(value: unknown, schema: Schema, at = '$'): string[] {
  const problems: string[] = [];
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  if (schema.type && typeOf(value) !== schema.type) return [`${at}: expected ${schema.type}, got ${typeOf(value)}`];
  if (schema.enum && !schema.enum.includes(value as never)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength}`);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((v, i) => problems.push(...validate(v, schema.items!, `${at}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) problems.push(`${at}: missing "${key}"`);
    for (const [key, v] of Object.entries(obj)) {
      if (schema.propertyNames) problems.push(...validate(key, schema.propertyNames, `${at} key "${key}"`));
      const sub = schema.properties?.[key];
      if (sub) problems.push(...validate(v, sub, `${at}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${at}: unknown property "${key}"`);
    }
  }
  return problems;
}

describe('schemas/reportlintrc.schema.json', () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Schema & { $schema: string };

  it('is draft-07 and describes every setting it allows', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const walk = (s: Schema, at: string) => {
      for (const [key, sub] of Object.entries(s.properties ?? {})) {
        assert.ok(sub.description && sub.description.length > 10, `${at}.${key} has no description`);
        walk(sub, `${at}.${key}`);
      }
      if (s.items) walk(s.items, `${at}[]`);
    };
    walk(schema, '$');
  });

  it("lists exactly the engine's rule ids, each with the severities the configuration accepts", () => {
    const rules = schema.properties!.rules;
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(rules.propertyNames!.enum, ids);
    assert.deepEqual(Object.keys(rules.properties!), ids);
    for (const rule of RULES) {
      assert.deepEqual(rules.properties![rule.id].enum, [...SEVERITIES, true, false], rule.id);
      assert.ok(rules.properties![rule.id].description!.includes(`Default: ${rule.defaultSeverity}`), rule.id);
    }
  });

  it('accepts the configurations the CLI tests and the README use', () => {
    const configs: unknown[] = [
      {},
      { rules: { 'terminology-avoid': 'off' } },
      { rules: { 'terminology-avoid': 'error', 'link-placeholder': false, 'participant-uncited': true } },
      { registries: ['data/participants.csv'] },
      {
        $schema: './node_modules/report-lint/schemas/reportlintrc.schema.json',
        rules: { 'link-placeholder': 'off', 'participant-uncited': 'warning' },
        participantIds: {
          pattern: 'RA(?<activity>\\d+)-(?<country>[A-Z]{2})-(?<interview>\\d{2,3})-(?<participant>[A-Z])',
          format: 'RA{activity}-{country}-{interview}-{participant}',
        },
        registries: ['participants.csv'],
        terms: [
          { id: 'child-sex-ring', category: 'caution', terms: ['child sex ring'], preferred: ['network of child sex offenders'], reason: 'Our house style.' },
        ],
        allowedPhrases: ['National Child Pornography Task Force'],
        terminologyInQuotations: 'off',
      },
    ];
    for (const c of configs) assert.deepEqual(validate(c, schema), [], JSON.stringify(c));
  });

  it('rejects what the engine reports as configuration errors', () => {
    const cases: [unknown, RegExp][] = [
      [{ rules: { 'no-such-rule': 'error' } }, /key "no-such-rule"/],
      [{ rules: { 'link-placeholder': 'loud' } }, /\$\.rules\.link-placeholder: "loud" is not one of/],
      [{ participantIds: { format: 'X{interview}' } }, /missing "pattern"/],
      [{ registries: 'participants.csv' }, /expected array/],
      [{ terms: [{ id: 'x', category: 'forbidden', terms: ['y'] }] }, /category/],
      [{ terminologyInQuotations: 'warning' }, /terminologyInQuotations/],
      [{ unknownSetting: true }, /unknown property "unknownSetting"/],
    ];
    for (const [config, expected] of cases) {
      const problems = validate(config, schema);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${JSON.stringify(config)}: ${JSON.stringify(problems)}`,
      );
    }
  });
});
