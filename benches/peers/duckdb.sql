-- The national rule as one DuckDB query, on the file `jixiao generate` writes (Chinese headers,
-- 项目编码 and the budget only on a project's first row): what an analyst with DuckDB would run
-- instead of `jixiao batch`. Run it with `python3 benches/peers/run_duckdb.py IN.csv OUT.csv`
-- (`pip install duckdb`); {src} and {dst} are the two paths.
--
-- Every cell is read as text. The rows are kept in file order (a table's rowid) so that the
-- project code can be filled down, as jixiao fills it. Scores are DOUBLE: per indicator the
-- weight × achieved share (a ≥ or = target met gets the weight, short of it weight × a / t; a ≤
-- target, or a 反向指标, weight × t / a above it), 定性 by its tier word, and an actual written
-- as an inequality (`≥90%`) or not a number gets 0; the budget's execution rate × 10 on top,
-- rounded half to even at two decimals. It does less than jixiao (no units, no claims, no
-- flags): a speed reference, not a correctness one.
CREATE TABLE rows AS
SELECT * FROM read_csv('{src}', header = true, all_varchar = true, auto_detect = false,
    delim = ',', quote = '"',
    columns = {{'项目编码':'VARCHAR','项目名称':'VARCHAR','单位名称':'VARCHAR','预算数':'VARCHAR',
               '执行数':'VARCHAR','一级指标':'VARCHAR','二级指标':'VARCHAR','三级指标':'VARCHAR',
               '指标性质':'VARCHAR','指标值':'VARCHAR','度量单位':'VARCHAR','权重':'VARCHAR',
               '指标方向性':'VARCHAR','实际完成值':'VARCHAR','自评得分':'VARCHAR','自评总分':'VARCHAR',
               '评价等级':'VARCHAR','预算执行率':'VARCHAR'}});

COPY (
WITH src AS (
  SELECT rowid AS rn,
         last_value(nullif(trim("项目编码"), '') IGNORE NULLS)
           OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS project_id,
         trim("预算数") AS planned,
         trim("执行数") AS executed,
         trim("指标性质") AS op,
         trim("指标值") AS target,
         trim("权重") AS weight,
         trim("指标方向性") AS direction,
         trim("实际完成值") AS actual
  FROM rows
),
num AS (
  SELECT *,
         TRY_CAST(weight AS DOUBLE) AS w,
         TRY_CAST(regexp_extract(actual, '^[0-9.]+') AS DOUBLE) AS a,
         TRY_CAST(target AS DOUBLE) AS t,
         coalesce(regexp_matches(actual, '[≥≤><]'), false) AS unmeasured,
         coalesce(op IN ('≤', '<'), false) OR coalesce(direction = '反向指标', false) AS reverse
  FROM src
),
scored AS (
  SELECT project_id, rn, planned, executed,
         w IS NULL AS bad,
         CASE
           WHEN coalesce(op = '定性', false) THEN
             coalesce(w, 0) * CASE
               WHEN actual = '达成' OR actual = target THEN 1.0
               WHEN actual = '部分达成' THEN 0.7
               WHEN actual = '未达成' THEN 0.3
               ELSE 0.0 END
           WHEN unmeasured OR a IS NULL OR t IS NULL THEN 0.0
           ELSE least(greatest(
             CASE WHEN reverse THEN
                    CASE WHEN a <= t THEN coalesce(w, 0)
                         WHEN a > 0 AND t > 0 THEN coalesce(w, 0) * t / a
                         ELSE 0.0 END
                  ELSE
                    CASE WHEN a >= t THEN coalesce(w, 0)
                         WHEN t > 0 THEN coalesce(w, 0) * a / t
                         ELSE 0.0 END
             END, 0.0), coalesce(w, 0))
         END AS score
  FROM num
),
proj AS (
  SELECT project_id,
         min(rn) AS first_row,
         sum(score) AS s,
         bool_or(bad) AS bad,
         TRY_CAST(max(nullif(planned, '')) AS DOUBLE) AS p,
         TRY_CAST(max(nullif(executed, '')) AS DOUBLE) AS e
  FROM scored
  GROUP BY project_id
),
tot AS (
  SELECT project_id, first_row, bad,
         round_even(s + 10.0 * least(coalesce(CASE WHEN p > 0 THEN e / p ELSE 0.0 END, 0.0), 1.0), 2)
           AS total
  FROM proj
)
SELECT project_id,
       CASE WHEN bad THEN NULL ELSE printf('%.2f', total) END AS total,
       CASE WHEN bad THEN 'error'
            WHEN total >= 90 THEN '优' WHEN total >= 80 THEN '良'
            WHEN total >= 60 THEN '中' ELSE '差' END AS grade
FROM tot
ORDER BY first_row
) TO '{dst}' (HEADER true, DELIMITER ',');
