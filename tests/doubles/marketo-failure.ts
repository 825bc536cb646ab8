import { MarketoError } from '../../lib/marketo/errors.ts';

/** The MarketoError a call fails with; any other outcome fails the test. */
export async function failure(promise: Promise<unknown>): Promise<MarketoError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof MarketoError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}
