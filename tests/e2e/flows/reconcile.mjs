/** Browser flows: being built. Each entry is [title, async () => {...}], as runFlows expects. */
export function reconcileFlows(context) {
  void context;
  return [];
}
