// Before any route: a body or query string holding a NUL character, a lone surrogate or a "__proto__" /
// "constructor" / "prototype" name is a 400 naming where, for every route alike (issue 10: these gave 500, or were
// silently accepted where every other unknown query parameter is a 400). Runs after the JSON body parser.
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MAX_LOGGED_TEXT } from '../logging/access-log.middleware.js';
import { safeLogText } from './safe-log-text.js';
import { hostileJsonProblems, isReservedKey, textProblem, type FieldProblem } from '../../../events/index.js';

function queryProblems(url: string): FieldProblem[] {
  const mark = url.indexOf('?');
  if (mark < 0) return [];
  const problems: FieldProblem[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(mark + 1));
  } catch {
    return [{ field: '(query)', reason: 'is not a valid query string' }];
  }
  for (const [key, value] of params) {
    const name = key.slice(0, 64);
    if (isReservedKey(key)) problems.push({ field: name, reason: 'is not a query parameter of this route' });
    else if (textProblem(key)) problems.push({ field: '(query)', reason: `a parameter name ${textProblem(key)}` });
    else if (textProblem(value)) problems.push({ field: name, reason: textProblem(value) as string });
  }
  return problems;
}

export function refuseHostileInput(req: Request, res: Response, next: NextFunction): void {
  const problems = [...queryProblems(req.originalUrl ?? req.url), ...(req.body !== undefined ? hostileJsonProblems(req.body) : [])];
  if (problems.length === 0) return next();
  // Before the key is checked: the line names the request and the key id claimed, not yet the unit.
  Logger.warn({ msg: 'refused', status: 400, problems: problems.slice(0, 10).map((p) => safeLogText(`${p.field}: ${p.reason}`, MAX_LOGGED_TEXT)) }, 'http');
  res.status(400).json({ statusCode: 400, error: 'Bad Request', message: problems.map((p) => `${p.field}: ${p.reason}`) });
}
