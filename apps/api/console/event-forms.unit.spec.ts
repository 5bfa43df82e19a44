import { getMetadataStorage } from 'class-validator';
import { EVENT_DEFINITIONS } from '../../../events/index.js';
import { LC_2017 } from '../../../libs/rulebook/src/index.js';
import { formOf, formsFor } from './event-forms.js';

const form = (type: string) => formOf(EVENT_DEFINITIONS.find((d) => d.type === type)!);

describe('record forms derived from the event catalogue', () => {
  it('every type gets exactly the fields its data class validates', () => {
    for (const definition of EVENT_DEFINITIONS) {
      const validated = new Set(getMetadataStorage().getTargetValidationMetadatas(definition.dataClass, '', true, false).map((m) => m.propertyName));
      expect(formOf(definition).fields.map((f) => f.name).sort()).toEqual([...validated].sort());
    }
  });

  it('reads kinds, choices and limits from the validators', () => {
    const metric = form('MetricMeasured');
    expect(metric.fields.find((f) => f.name === 'numerator')).toMatchObject({ kind: 'integer', min: 0 });
    expect(metric.fields.find((f) => f.name === 'denominator')).toMatchObject({ kind: 'integer', min: 1 });
    expect(form('SpotCheckRecorded').fields.find((f) => f.name === 'outcome')).toMatchObject({ kind: 'choice', options: ['pass', 'fail'] });
    expect(form('SpotCheckRecorded').fields.find((f) => f.name === 'subject')).toMatchObject({ kind: 'text', maxLength: 500, required: true });
    expect(form('CriterionAssessed').fields.find((f) => f.name === 'met')).toMatchObject({ kind: 'boolean' });
    expect(form('DisputeFiled').fields.find((f) => f.name === 'findingEventIds')).toMatchObject({ kind: 'event-ids' });
    expect(form('SelfAssessmentSubmitted').fields.find((f) => f.name === 'parts')).toMatchObject({ kind: 'part-scores' });
    expect(form('ListBatchPublished').fields.find((f) => f.name === 'batch')).toMatchObject({ kind: 'choice', options: [1, 2, 3] });
    expect(form('SpotCheckRecorded').evidenceRequired).toBe(true);
    expect(form('UnitRegistered').evidenceRequired).toBe(false);
  });

  it('offers a lead the types feeding the indicators it leads, each indicator field narrowed to those', () => {
    const centre = 'admin-service-centre';
    const led = new Set(LC_2017.indicators.filter((i) => i.leads.includes(centre)).map((i) => i.id));
    const forms = formsFor(centre, LC_2017);
    const spot = forms.find((f) => f.type === 'SpotCheckRecorded')!;
    const options = spot.fields.find((f) => f.name === 'indicator')!.options as string[];
    expect(options.length).toBeGreaterThan(0);
    for (const id of options) {
      expect(led.has(id)).toBe(true);
      expect(LC_2017.indicators.find((i) => i.id === id)!.feeds).toContain('SpotCheckRecorded');
    }
    expect(forms.map((f) => f.type)).toContain('FindingRetracted');
    expect(forms.map((f) => f.type)).not.toContain('DisputeFiled');
    expect(forms.map((f) => f.type)).not.toContain('UnitRegistered');
    expect(forms.map((f) => f.type)).not.toContain('TaskIncompleteFound'); // part 1 is led by gov-office and economy-it
  });

  it('offers an assessed unit its disputes and self-assessment only, and 区政府办 its own types but not publishing', () => {
    expect(formsFor('haibin-street', LC_2017).map((f) => f.type).sort()).toEqual(['DisputeFiled', 'SelfAssessmentSubmitted']);
    const gov = formsFor('gov-office', LC_2017).map((f) => f.type);
    expect(gov).toEqual(expect.arrayContaining(['UnitRegistered', 'DisputeResolved', 'FindingRetracted', 'AssessmentOpened', 'TaskIncompleteFound']));
    expect(gov).not.toContain('ResultsPublished');
    expect(gov).not.toContain('DisputeFiled');
  });
});
