import type { ViewDef } from '../registry.js';
import { GpuView } from './GpuView.js';

export const gpuView: ViewDef = { id: 'gpu', component: GpuView };
