/**
 * Partner ids registered in the demo (`npm start`): the simulator sends as these, the pipeline accepts them.
 * `demo-partner` is the one the README's copy-paste example uses.
 */
export const DEMO_PARTNERS = ['demo-partner', 'thuiszorg-demo', 'school-demo', 'politie-demo', 'jongerenwerk-demo'] as const;
