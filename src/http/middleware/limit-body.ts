import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../errors.ts';

/** Refuses a body over `maxSize` bytes (declared or streamed) with 413 `payload_too_large`. */
export function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', `The body is larger than ${maxSize} bytes.`);
    },
  });
}
