import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import { applyTheme, storedTheme } from './lib/theme';
import { App } from './App';
import './styles.css';

applyTheme(storedTheme());
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
