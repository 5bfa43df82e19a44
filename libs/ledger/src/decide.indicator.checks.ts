// Which indicator a finding feeds, whether the rulebook knows it, and whether the actor leads it.
import {
  INDICATOR_NOT_APPLICABLE,
  METRIC_MEASURED,
  CRITERION_ASSESSED,
  SPOT_CHECK_RECORDED,
  TASK_INCOMPLETE_FOUND,
} from '../../../events/index.js';
import type { IndicatorDefinition } from '../../rulebook/src/rulebook.types.js';
import { refusal, type Refusal } from './decide.errors.js';
import { text, type DecideContext } from './decide.context.js';
import { actsOnItself, standInFor } from './decide.independence.checks.js';

/** Types whose data names the indicator; the other findings feed the indicator(s) whose `feeds` name their type. */
const NAMES_ITS_INDICATOR = new Set<string>([
  TASK_INCOMPLETE_FOUND,
  METRIC_MEASURED,
  SPOT_CHECK_RECORDED,
  CRITERION_ASSESSED,
  INDICATOR_NOT_APPLICABLE,
]);

interface Resolved {
  indicators: IndicatorDefinition[];
  problems: Refusal[];
}

function resolveIndicators({ event, rulebook, index }: DecideContext): Resolved {
  if (!NAMES_ITS_INDICATOR.has(event.type)) {
    const fed = index.fedBy(event.type);
    if (fed.length === 0) return { indicators: [], problems: [refusal('NO_INDICATOR_FED', 'type', { type: event.type, rulebook: rulebook.id })] };
    return { indicators: fed, problems: [] };
  }
  const id = text(event.data.indicator);
  const indicator = index.indicator(id);
  if (indicator === undefined) {
    return { indicators: [], problems: [refusal('UNKNOWN_INDICATOR', 'data.indicator', { indicator: id, rulebook: rulebook.id })] };
  }
  // "Not applicable" is a statement about any indicator, so no type has to feed it.
  if (event.type !== INDICATOR_NOT_APPLICABLE && !indicator.feeds.includes(event.type)) {
    const fed = index.fedBy(event.type).map((i) => i.id);
    return { indicators: [], problems: [refusal('INDICATOR_NOT_FED', 'data.indicator', { indicator: id, type: event.type, fed })] };
  }
  return { indicators: [indicator], problems: [] };
}

/** For findings: the indicator exists, the type feeds it, and the actor is one of its leads. */
export function checkIndicatorAndLead(ctx: DecideContext): Refusal[] {
  const { indicators, problems } = resolveIndicators(ctx);
  // I-INDEPENDENCE: a finding about a lead unit on an indicator it leads is recorded by that unit's stand-in.
  const subject = text(ctx.event.data.unitId);
  const standsIn = (i: IndicatorDefinition) =>
    ctx.rulebook.independence !== undefined && i.leads.includes(subject) && standInFor(ctx.rulebook, subject) === ctx.actor.unitId;
  const self = indicators.length > 0 ? actsOnItself(ctx) : undefined;
  if (self && indicators.some((i) => i.leads.includes(ctx.actor.unitId))) problems.push(self);
  else if (indicators.length > 0 && !indicators.some((i) => i.leads.includes(ctx.actor.unitId) || standsIn(i))) {
    const leads = [...new Set(indicators.flatMap((i) => i.leads))];
    problems.push(refusal('NOT_LEAD', 'actor', { actorUnitId: ctx.actor.unitId, indicator: indicators.map((i) => i.id).join(', '), leads }));
  }
  return problems;
}

export function checkRate({ event }: DecideContext): Refusal[] {
  const { numerator, denominator } = event.data as { numerator: number; denominator: number };
  return numerator > denominator ? [refusal('NUMERATOR_EXCEEDS_DENOMINATOR', 'data.numerator', { numerator, denominator })] : [];
}
