import { defineStoreContract } from '../contract.ts';
import { createMemoryStore } from '../index.ts';

defineStoreContract('memory', async () => createMemoryStore());
