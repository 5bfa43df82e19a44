// The evaluator's own trace messages in zh-CN and en. Messages of findings come from the rule data instead
// (PerFindingDeductionRule.message), so a rulebook words its own findings.
import type { Localized } from '../rulebook.types.js';

/** A parameter is a plain value or, for names taken from the rulebook (a rate, a criterion), a zh/en pair. */
export type MessageParam = string | number | Localized;
export type MessageParams = Record<string, MessageParam>;

export const MESSAGES: Record<string, Localized> = {
  'not-applicable': {
    zh: '不涉及（{reason}）：按满分计',
    en: 'not applicable ({reason}): scored at its maximum',
  },
  floor: {
    zh: '扣分超过满分，本项扣至0分为止：+{points}',
    en: 'deductions exceed the maximum; the indicator stops at 0: +{points}',
  },
  'finding.retracted': {
    zh: '「{label}」已于{date}撤销（{by}），不再扣分',
    en: '"{label}" retracted on {date} ({by}); it no longer counts',
  },
  'finding.duplicate': {
    zh: '「{label}」已计扣分，重复记录不再扣分',
    en: '"{label}" already counted; a repeated finding costs nothing more',
  },
  'batch.on-time': {
    zh: '第{batch}批截止{due}，{published}公布：按时',
    en: 'batch {batch} due {due}, published {published}: on time',
  },
  'batch.late': {
    zh: '第{batch}批截止{due}，{published}公布，逾期：{points}分',
    en: 'batch {batch} due {due}, published {published}',
  },
  'batch.missing': {
    zh: '第{batch}批截止{due}，截至{asOf}未公布：{points}分',
    en: 'batch {batch} due {due}, not published by {asOf}',
  },
  'batch.pending': {
    zh: '第{batch}批截止{due}，尚未公布，未到截止时间（待定）',
    en: 'batch {batch} due {due}, not published yet; the deadline has not passed (pending)',
  },
  'outage.repaired': {
    zh: '故障{outageId}（{system}）{started}发生，{repaired}修复，历时{duration}：{points}分',
    en: 'outage {outageId} ({system}) from {started}, repaired {repaired} after {duration} (h:mm:ss): {points}',
  },
  'outage.ongoing': {
    zh: '故障{outageId}（{system}）{started}发生，截至{asOf}未修复，已历时{duration}：{points}分',
    en: 'outage {outageId} ({system}) from {started}, still open at {asOf} after {duration} (h:mm:ss): {points}',
  },
  'rate.linear': {
    zh: '{rate}{percent}%（{numerator}/{denominator}，{date}测量）：得{points}分（满分{max}）',
    en: '{rate} {percent}% ({numerator}/{denominator}, measured {date}): {points} of {max}',
  },
  'rate.below-gate': {
    zh: '{rate}{percent}%（{numerator}/{denominator}，{date}测量）低于{gate}%：不得分',
    en: '{rate} {percent}% ({numerator}/{denominator}, measured {date}) is below {gate}%: 0 of {max}',
  },
  'rate.stepped': {
    zh: '{rate}{percent}%（{numerator}/{denominator}，{date}测量），按完整的{step}个百分点计{steps}档：得{points}分（满分{max}）',
    en: '{rate} {percent}% ({numerator}/{denominator}, measured {date}), {steps} whole step(s) of {step} points: {points} of {max}',
  },
  'rate.tiered': {
    zh: '{rate}{percent}%（{numerator}/{denominator}，{date}测量），达到{threshold}%：得{points}分（满分{max}）',
    en: '{rate} {percent}% ({numerator}/{denominator}, measured {date}) reaches {threshold}%: {points} of {max}',
  },
  'rate.tiered-none': {
    zh: '{rate}{percent}%（{numerator}/{denominator}，{date}测量）未达到{threshold}%：得{points}分（满分{max}）',
    en: '{rate} {percent}% ({numerator}/{denominator}, measured {date}) is below {threshold}%: {points} of {max}',
  },
  'rate.proportional': {
    zh: '{rate}{percent}%（{numerator}/{denominator}，{date}测量），按比例：得{points}分（满分{max}）',
    en: '{rate} {percent}% ({numerator}/{denominator}, measured {date}), proportional: {points} of {max}',
  },
  'criterion.met': {
    zh: '{criterion}：已达到（{date}评定）：得{points}分',
    en: '{criterion}: met (assessed {date}): {points}',
  },
  'criterion.not-met': {
    zh: '{criterion}：未达到（{date}评定）：不得分',
    en: '{criterion}: not met (assessed {date}): 0',
  },
};

// A template split once into literal text (even indexes) and placeholder names (odd indexes).
const compiledTemplates = new Map<string, string[]>();

function compileTemplate(template: string): string[] {
  let pieces = compiledTemplates.get(template);
  if (!pieces) {
    pieces = template.split(/\{(\w+)\}/);
    if (compiledTemplates.size < 10_000) compiledTemplates.set(template, pieces);
  }
  return pieces;
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanish. */
export function render(template: string, params: MessageParams, language: keyof Localized): string {
  const pieces = compileTemplate(template);
  let out = pieces[0];
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i];
    const value = params[name];
    out += (value === undefined ? `{${name}}` : typeof value === 'object' ? value[language] : String(value)) + pieces[i + 1];
  }
  return out;
}

export function renderLocalized(template: Localized, params: MessageParams): Localized {
  return { zh: render(template.zh, params, 'zh'), en: render(template.en, params, 'en') };
}
