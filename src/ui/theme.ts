// The theme for components: `const theme = useTheme();  <Text {...theme.critical}>crit</Text>`. The tokens
// themselves are in palette.ts (re-exported here), which loads without React.
import { createContext, useContext } from 'react';
import { colorTheme, type Theme } from './palette.js';

export * from './palette.js';

export const ThemeContext = createContext<Theme>(colorTheme);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
