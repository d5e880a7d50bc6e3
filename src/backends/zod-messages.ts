// zod's English messages for every schema (the config's and the answers'): its mini API, which they use, sets no
// language by itself. Imported for this effect by each schema file.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
