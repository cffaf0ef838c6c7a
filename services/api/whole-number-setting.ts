// One definition for every process's settings (the notifier's too): contracts/whole-number-setting.ts.
export { wholeNumberSetting } from '@wijksignaal/contracts/whole-number-setting';
