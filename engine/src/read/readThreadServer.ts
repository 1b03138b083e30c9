/**
 * The reading thread's entry, whatever starts it (Node: io/nodeReadWorker.ts): serves the one read
 * the first message asks for, a csv or tsv file (readThread.ts) or the second half of an xml file
 * (xmlHalves.ts), from `fs`, the thread's own view of the disk.
 */
import type { FileSystem } from '../io/fileSystem';
import { Credits, CSV_CREDITS, type ReaderPort, serveCsvRead } from './readThread';
import { sourceTexts } from './sourceTexts';
import { serveXmlHalf, XML_CREDITS } from './xmlHalves';

export function serveReadThread(port: ReaderPort, fs: FileSystem): void {
  let credits: Credits | undefined;
  port.onMessage((message) => {
    if (message.type === 'credit') credits?.give();
    else if (message.type === 'read') {
      credits = new Credits(CSV_CREDITS);
      void serveCsvRead(port, credits, sourceTexts(fs, message.request.path, message.request), message.request);
    } else {
      credits = new Credits(XML_CREDITS);
      void serveXmlHalf(port, credits, fs, message.request);
    }
  });
}
