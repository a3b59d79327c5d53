import { BACKENDS } from './backends/registry.ts';
import { DemoApp } from './ui/app.ts';
import './style.css';

const app = new DemoApp(document, BACKENDS);
app.start().catch((error: unknown) => {
  document.body.dataset.status = 'error';
  const box = document.getElementById('message');
  if (box !== null) {
    box.textContent = `The page failed to start: ${error instanceof Error ? error.message : String(error)}`;
    box.hidden = false;
  }
});
