import { render } from 'preact';
import { ParlorApp } from './app/parlor-app.ts';
import './styles.css';
import { App } from './ui/App.tsx';

const root = document.getElementById('app');
if (root !== null) render(<App app={ParlorApp.forPage(window.location)} />, root);
