/**
 * The xml reader's projection (read/xmlRecord.ts): with a path-object transformation, records are
 * built only as far as its paths read. Whatever the records hold (repeated elements, attributes,
 * mixed content, missing parts, arrays on a path), JSONata's answer and the fast path's answer must
 * be the same on the built part as on the whole record; and the parts no path reads are not built.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsonata from 'jsonata';
import { FALLBACK, pathObjectOf, pathObjectSpec } from '../../engine/src/transform/pathObject';
import { open, plain, source, tempRoot, write } from './helpers';

const root = tempRoot();

const xml = `<?xml version="1.0"?>
<Students>
  <Student id="1" status="Active">
    <Name><Last>Smith</Last><First>Mateo</First></Name>
    <Enrollment school="North" grade="8"/>
    <Scores><Score subject="Math">297</Score><Score subject="Reading">224</Score></Scores>
    <Notes><![CDATA[Bus 14 <ok>]]></Notes>
  </Student>
  <Student id="2">
    <Name first="attr"><Last>Park</Last></Name>
    <Name><Last>Again</Last></Name>
    <Enrollment school="South"><Extra>x</Extra>text inside</Enrollment>
  </Student>
  <Student id="3" status="Inactive">
    <Name>Just text<Other/></Name>
    <Notes a="1">with attribute</Notes>
    <Scores/>
  </Student>
  <Student>
    <Enrollment grade="K" school="West"><Grade>also an element</Grade></Enrollment>
    <Name><Last/><First>  </First></Name>
  </Student>
</Students>
`;

const expressions = [
  '{ "id": `@id`, "last": Name.Last, "first": Name.First, "school": Enrollment.`@school` }',
  '{ "status": `@status`, "notes": Notes, "grade": Enrollment.`@grade` }',
  '{ "name": Name, "scores": Scores.Score }',
  '{ "enrollment": Enrollment, "first": Name.`@first` }',
  '{ "text": Notes.`#text`, "deep": Scores.Score.`@subject` }',
];

async function records(projection?: string[][]): Promise<Record<string, unknown>[]> {
  write(root, 'students.xml', xml);
  const reader = await open(root, source('students.xml', 'xml', { recordPath: 'Students.Student' }), {
    ...(projection ? { projection } : {}),
  });
  const out: Record<string, unknown>[] = [];
  for await (const record of reader.records) out.push(record.value);
  return out;
}

describe('xml projection', () => {
  it('gives every path object the same answer, from JSONata and from the fast path, as the whole record', async () => {
    const whole = await records();
    for (const text of expressions) {
      const expression = jsonata(text);
      const spec = pathObjectSpec(expression);
      assert.ok(spec, text);
      const built = await records(spec.paths);
      const fast = pathObjectOf(spec);
      for (let i = 0; i < whole.length; i++) {
        assert.deepEqual(
          plain(await expression.evaluate(built[i])),
          plain(await expression.evaluate(whole[i])),
          `${text}, record ${i + 1}`,
        );
        // The built part is the same kind of value as the whole (object, array or text) all along
        // the paths, so the fast path answers for the same records.
        const fromWhole = fast(whole[i]);
        const fromBuilt = fast(built[i]);
        assert.deepEqual(
          fromBuilt === FALLBACK ? 'fallback' : plain(fromBuilt),
          fromWhole === FALLBACK ? 'fallback' : plain(fromWhole),
          `${text}, record ${i + 1}, fast path`,
        );
      }
    }
  });

  it('builds only what the paths read: an element at a path end whole, the others left out', async () => {
    const [first, second] = await records([['@id'], ['Name', 'Last'], ['Enrollment']]);
    assert.deepEqual(plain(first), {
      '@id': '1',
      Name: { Last: 'Smith' },
      Enrollment: { '@school': 'North', '@grade': '8' },
    });
    assert.deepEqual(plain(second), {
      '@id': '2',
      Name: [{ Last: 'Park' }, { Last: 'Again' }],
      Enrollment: { '@school': 'South', Extra: 'x', '#text': 'text inside' },
    });
    assert.equal(Object.getPrototypeOf(first), null);
  });

  it('counts the whole record against the size bound, built or not', async () => {
    write(root, 'big.xml', `<R><S id="1"><Skip>${'x'.repeat(5000)}</Skip></S></R>`);
    await assert.rejects(async () => {
      const reader = await open(root, source('big.xml', 'xml', { recordPath: 'R.S' }), {
        projection: [['@id']],
        limits: { maxDocumentChars: 1000 },
      });
      for await (const _ of reader.records) void _;
    }, /E0042/);
  });
});
