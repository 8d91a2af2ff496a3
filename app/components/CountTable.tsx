// A small accessible table of counts: a caption, a label column, a count column, maybe a total.
export interface CountRow {
  key: string | number;
  label: string;
  lang?: string;
  count: number;
}

export function CountTable({
  caption,
  labelHeading,
  countHeading,
  rows,
  total,
}: {
  caption: string;
  labelHeading: string;
  countHeading: string;
  rows: CountRow[];
  total?: { label: string; count: number };
}) {
  return (
    <div className="card table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col">{countHeading}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={2}>—</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" lang={row.lang}>
                  {row.label}
                </th>
                <td>{row.count}</td>
              </tr>
            ))
          )}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{total.label}</th>
              <td>{total.count}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
