import { describe, expect, it } from 'vitest';
import { changedFields } from '../../shared/naps/changes.js';
import { formSchema } from '../../shared/records/kinds.js';

describe('what an autosaved NAP form sends', () => {
  it('sends only the fields that changed, so a colleague’s edit of another field survives', () => {
    const saved = { leadAgency: 'Ministry of Gender', budgetAmount: 100, status: 'planned' };
    expect(changedFields('nap.action', saved, { ...saved, budgetAmount: 250 })).toEqual({ budgetAmount: 250 });
    expect(changedFields('nap.action', saved, saved)).toEqual({});
  });

  it('sends an emptied language of a text as empty (a language left out would be kept)', () => {
    const saved = { title: { en: 'Plan', fr: 'Plan' } };
    expect(changedFields('nap', saved, { title: { en: 'Plan' } })).toEqual({ title: { fr: '' } });
  });

  it('sends only the language version that was edited, not the others again', () => {
    const saved = { title: { zh: '旧的', en: 'Old' } };
    expect(changedFields('nap', saved, { title: { zh: '新的', en: 'Old' } })).toEqual({ title: { zh: '新的' } });
  });

  it('clears a removed value with null and leaves no undefined inside lists (JSON has none)', () => {
    expect(changedFields('nap.action', { start: '2025-01-01' }, { start: undefined })).toEqual({ start: null });
    const measurements = [{ date: '2024-01-01', value: 3, source: undefined }];
    const sent = changedFields('nap.indicator', { measurements: [] }, { measurements });
    expect(sent).toEqual({ measurements: [{ date: '2024-01-01', value: 3 }] });
    expect(Object.keys((sent.measurements as object[])[0]!)).toEqual(['date', 'value']);
  });
});

describe('the bad input the NAP forms refuse (the schema the forms use)', () => {
  const issues = (kind: Parameters<typeof formSchema>[0], fields: Record<string, unknown>) => {
    const result = formSchema(kind).safeParse(fields);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('a target year before the baseline year, at the target year', () => {
    expect(issues('nap.indicator', { baselineYear: 2024, targetYear: 2020 })).toEqual(['targetYear: errors:validation.targetYear']);
  });
  it('an end date before the start, at the end', () => {
    expect(issues('nap.action', { start: '2026-01-01', end: '2025-12-31' })).toEqual(['end: errors:validation.endBeforeStart']);
  });
  it('a negative budget, at the budget', () => {
    expect(issues('nap.action', { budgetAmount: -5 })).toEqual(['budgetAmount: errors:validation.negative']);
  });
  it('a measurement without a date, at that measurement’s date', () => {
    expect(issues('nap.indicator', { measurements: [{ date: '', value: 4 }] })).toEqual(['measurements.0.date: errors:validation.date']);
  });
});
