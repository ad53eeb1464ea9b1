import { ProblemSchema, type Problem } from '../../shared/common';

/**
 * A failed API call, carrying the server's RFC 9457 problem document (or one made up for network
 * failures and unreadable answers, so callers always have a `detail` to show).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Whether the error is a problem with this status and, when given, this code. */
export function isProblem(error: unknown, status: number, code?: string): error is ApiError {
  return isApiError(error) && error.status === status && (code === undefined || error.code === code);
}

export function toApiError(status: number, body: unknown): ApiError {
  const parsed = ProblemSchema.safeParse(body);
  if (parsed.success) {
    return new ApiError(parsed.data);
  }
  return new ApiError({
    type: 'about:blank',
    title: 'Error',
    status,
    code: status >= 500 ? 'internal_error' : 'unexpected_response',
    detail: status >= 500 ? 'Something went wrong on our side. Try again in a moment.' : `The server answered with status ${status}.`,
    errors: [],
  });
}

export function networkError(): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    code: 'network_error',
    detail: 'Tickmark could not be reached. Check your connection and try again.',
    errors: [],
  });
}

/** The message to show for any error thrown by a query or mutation. */
export function errorDetail(error: unknown): string {
  if (isApiError(error)) {
    return error.problem.detail;
  }
  return 'Something went wrong. Reload the page and try again.';
}
