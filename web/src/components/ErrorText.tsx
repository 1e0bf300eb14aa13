// Why something just failed, announced at once (a request's error, or nothing).
export function ErrorText({ error }: { error: Error | null | undefined }) {
  return error ? (
    <p role="alert" class="error-text">
      {error.message}
    </p>
  ) : null;
}
