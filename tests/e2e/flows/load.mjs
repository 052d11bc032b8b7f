/** Browser flows: being built. Each entry is [title, async () => {...}], as runFlows expects. */
export function loadFlows(context) {
  void context;
  return [];
}
