// The silence form overlay: draws what the state hook (./state.ts) holds; keys reach its actions through
// ./input.ts.
import { useTheme } from '../../theme.js';
import type { OverlayProps } from '../registry.js';
import { SilenceForm } from './SilenceForm.js';
import { useSilenceFormState, type SilenceFormRequest } from './state.js';
import { useSilenceFormInput } from './input.js';

export function SilenceFormOverlay({ width, height, props, close }: OverlayProps<SilenceFormRequest>) {
  const theme = useTheme();
  const state = useSilenceFormState(props, height, close);
  useSilenceFormInput(state);
  return <SilenceForm state={state.form} derived={state.derived} width={width} height={height} theme={theme} />;
}
