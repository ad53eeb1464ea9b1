import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface FieldError {
  path: string;
  message: string;
}

/** A request failure with a stable `code`; the error handler turns it into RFC 9457 JSON. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `No ${what} with that id exists, or you do not have access to it.`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this.', code = 'forbidden') {
    super(403, code, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue.', code = 'unauthenticated') {
    super(401, code, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}

/** A stale `version`: somebody else changed the record since it was read. */
export class StaleVersionError extends ConflictError {
  constructor(what: string) {
    super(`This ${what} was changed by someone else since you opened it. Reload and try again.`, 'stale_version');
  }
}

export class ValidationError extends AppError {
  constructor(message: string, errors: FieldError[] = []) {
    super(400, 'validation_failed', message, errors);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'too_many_attempts', message, [], { retryAfterSeconds });
  }
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
};

/** Installs the one error handler: every failure leaves as application/problem+json. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error, request.id);
    if (problem.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    }
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: 'Not found',
        status: 404,
        code: 'route_not_found',
        detail: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`,
        errors: [],
      });
  });
}

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors: FieldError[];
  requestId?: string;
  [key: string]: unknown;
}

function toProblem(error: FastifyError, requestId: string): Problem {
  if (error instanceof AppError) {
    return {
      type: 'about:blank',
      title: titles[error.status] ?? 'Error',
      status: error.status,
      code: error.code,
      detail: error.message,
      errors: error.errors,
      ...error.extra,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    return {
      type: 'about:blank',
      title: 'Bad request',
      status: 400,
      code: 'validation_failed',
      detail: `The request ${error.validationContext ?? 'input'} is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors,
    };
  }
  if (isResponseSerializationError(error)) {
    return internal(requestId);
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    return {
      type: 'about:blank',
      title: titles[status] ?? 'Bad request',
      status,
      code: clientCode(error),
      detail: clientDetail(error, status),
      errors: [],
    };
  }
  return internal(requestId);
}

function internal(requestId: string): Problem {
  return {
    type: 'about:blank',
    title: 'Internal server error',
    status: 500,
    code: 'internal_error',
    detail: `Something went wrong on our side. Quote request id ${requestId} when you report it.`,
    errors: [],
    requestId,
  };
}

function clientCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'malformed_json';
    default:
      return 'bad_request';
  }
}

function clientDetail(error: FastifyError, status: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this endpoint accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request says it carries JSON but its body is empty.';
    default:
      if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        return 'The request body is not valid JSON.';
      }
      return status === 415 ? 'Unsupported media type.' : error.message;
  }
}
