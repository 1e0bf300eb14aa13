export function NotFound() {
  return (
    <section class="center">
      <h1>Page not found</h1>
      <p class="muted">There is nothing at this address.</p>
      <a class="button" href="/">
        Back to the shop
      </a>
    </section>
  );
}
