// Moving focus to a view's heading when it appears, so a screen reader announces the new view. As a ref, this one
// function (the same on every render) runs once per element: give each view's heading its own `key`, and a new
// view's heading is focused again.
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
