/** A one-line reason for a failure, also for errors with an empty message (Node's AggregateError on connect). */
export const describeError = (error: unknown): string => {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describeError).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message !== '') return error.message;
    return typeof code === 'string' ? code : error.name;
  }
  return String(error);
};
