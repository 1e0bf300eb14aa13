// `npm run icons`: the favicon set from web/public/logo.svg, drawn by Debian's Chromium (CHROMIUM_PATH): favicon.ico
// (32 px, for browsers and crawlers that ask for /favicon.ico) and apple-touch-icon.png (180 px, for home screens).
// Run it after replacing the logo; the files are committed like the logo.
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../devkit/browser.ts';

const PUBLIC = 'web/public';
const svg = readFileSync(`${PUBLIC}/logo.svg`, 'utf8');

/** An .ico file holding one PNG image (the format every browser reads since Windows Vista). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // where the image starts
  return Buffer.concat([header, png]);
}

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  /** The logo at `size` px, on transparency or on white (home screens fill transparency with black). */
  const draw = async (size: number, background: 'transparent' | 'white') => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:${background}}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    return page.screenshot({ omitBackground: background === 'transparent' });
  };
  writeFileSync(`${PUBLIC}/favicon.ico`, icoOf(await draw(32, 'transparent'), 32));
  writeFileSync(`${PUBLIC}/apple-touch-icon.png`, await draw(180, 'white'));
  console.log(`✓ ${PUBLIC}/favicon.ico (32 px) and ${PUBLIC}/apple-touch-icon.png (180 px) from ${PUBLIC}/logo.svg`);
} finally {
  await browser.close();
}
