// The CJK font every PDF embeds (subset to the characters used): Noto Sans SC as TrueType, shipped in an npm package
// so a fresh machine renders Chinese without system fonts. pdfkit embeds TrueType/OpenType, not WOFF, which is why
// this package (static TTF weights) and not @fontsource (WOFF/WOFF2 only). Read once and kept: about 10 MB each.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

const loaded = new Map<keyof typeof FILES, Buffer>();

export function cjkFont(weight: keyof typeof FILES): Buffer {
  let font = loaded.get(weight);
  if (!font) {
    font = readFileSync(require.resolve(FILES[weight]));
    loaded.set(weight, font);
  }
  return font;
}
