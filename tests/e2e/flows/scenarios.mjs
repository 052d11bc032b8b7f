/** Browser flows: being built. Each entry is [title, async () => {...}], as runFlows expects. */
export function scenarioFlows(context) {
  void context;
  return [];
}
