// What a domain throws when a request cannot be done: a code from the domain's own list, answered with the HTTP
// status that code maps to (the API's onError reads `status` and `code`; `expose`: the message is written for
// the person who asked).
export class DomainError<Code extends string> extends Error {
  readonly status: number;
  readonly code: Code;
  readonly expose = true;
  constructor(code: Code, message: string, statusOf: Record<Code, number>) {
    super(message);
    this.code = code;
    this.status = statusOf[code];
  }
}
