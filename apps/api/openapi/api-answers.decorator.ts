// Route decorators for the OpenAPI description: the success body by component name, and the error answers a route
// can give (all in the one Error shape). 401 and 400 are added to every operation that needs them when the
// description is built (openapi-document.ts), so a new controller only declares what is particular to it.
import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ref } from './api-schemas.js';

const ERROR_MEANING: Record<number, string> = {
  400: 'Bad request: the body or a parameter is refused; each message names the field and the reason; nothing is stored',
  401: 'No API key, or an unknown or revoked one',
  403: 'The key\'s unit may not do this',
  404: 'Not found',
  409: 'Conflict: a stale expectedRevision or an event id reused with other content; nothing is stored',
};

/** The error answers of a route, each with a description of when it happens (or the default one). */
export function ApiErrors(...answers: (number | [number, string])[]) {
  return applyDecorators(
    ...answers.map((a) => {
      const [status, description] = Array.isArray(a) ? a : [a, ERROR_MEANING[a] ?? 'Error'];
      return ApiResponse({ status, description, content: { 'application/json': { schema: ref('Error') } } });
    }),
  );
}

/** Summary plus the success answer, whose body is the named component of api-schemas.ts. */
export function ApiAnswer(summary: string, status: number, component: string, description: string) {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiResponse({ status, description, content: { 'application/json': { schema: ref(component) } } }),
  );
}
