// A small parser for the JUEL expressions Camunda evaluates (EL 2.2 with method calls), building the same tree shape
// as Camunda's org.camunda.bpm.impl.juel parser, so model-code-expression checks here what ModelCodeRules checks there.
// Nodes: text, literal, identifier, function, dot {base, name}, bracket {base, index}, method {base, name | bracket,
// params}, unary, binary, choice.

function tokenize(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === '\'') {
      let value = '';
      i++;
      while (i < source.length && source[i] !== c) {
        if (source[i] === '\\' && i + 1 < source.length) {
          i++;
        }
        value += source[i++];
      }
      if (i >= source.length) {
        throw new Error('unterminated string');
      }
      i++;
      tokens.push({ type: 'string', value });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] || ''))) {
      const match = /^[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?/.exec(source.slice(i));
      tokens.push({ type: 'number', value: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i));
      tokens.push({ type: 'word', value: match[0] });
      i += match[0].length;
    } else {
      const two = source.slice(i, i + 2);
      if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
        tokens.push({ type: 'op', value: two });
        i += 2;
      } else if ('+-*/%<>!?:.,()[]'.includes(c)) {
        tokens.push({ type: 'op', value: c });
        i++;
      } else {
        throw new Error(`unexpected character '${c}'`);
      }
    }
  }
  return tokens;
}

const WORD_OPS = { and: '&&', or: '||', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=', div: '/', mod: '%' };
const LEVELS = [ ['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%'] ];

function parseEval(source) {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (value) => {
    const t = peek();
    return t && ((t.type === 'op' && t.value === value) || (t.type === 'word' && WORD_OPS[t.value] === value));
  };
  const expect = (value) => {
    if (!isOp(value)) {
      throw new Error(`expected '${value}'`);
    }
    at++;
  };

  function expression() {
    const condition = binary(0);
    if (isOp('?')) {
      at++;
      const yes = expression();
      expect(':');
      const no = expression();
      return { kind: 'choice', children: [ condition, yes, no ] };
    }
    return condition;
  }

  function binary(level) {
    if (level === LEVELS.length) {
      return unary();
    }
    let left = binary(level + 1);
    for (;;) {
      const op = LEVELS[level].find(isOp);
      if (!op) {
        return left;
      }
      at++;
      left = { kind: 'binary', op, children: [ left, binary(level + 1) ] };
    }
  }

  function unary() {
    const t = peek();
    if (t && ((t.type === 'op' && (t.value === '!' || t.value === '-')) || (t.type === 'word' && (t.value === 'not' || t.value === 'empty')))) {
      at++;
      return { kind: 'unary', op: t.value, children: [ unary() ] };
    }
    return postfix(primary());
  }

  function params() {
    expect('(');
    const list = [];
    if (!isOp(')')) {
      list.push(expression());
      while (isOp(',')) {
        at++;
        list.push(expression());
      }
    }
    expect(')');
    return list;
  }

  function postfix(node) {
    for (;;) {
      if (isOp('.')) {
        at++;
        const t = tokens[at++];
        if (!t || t.type !== 'word') {
          throw new Error('expected a name after \'.\'');
        }
        node = isOp('(') ? { kind: 'method', base: node, name: t.value, params: params() } : { kind: 'dot', base: node, name: t.value };
      } else if (isOp('[')) {
        at++;
        const index = expression();
        expect(']');
        node = isOp('(') ? { kind: 'method', base: node, index, params: params() } : { kind: 'bracket', base: node, index };
      } else {
        return node;
      }
    }
  }

  function primary() {
    const t = tokens[at++];
    if (!t) {
      throw new Error('unexpected end');
    }
    if (t.type === 'string' || t.type === 'number') {
      return { kind: 'literal', value: t.value, string: t.type === 'string' };
    }
    if (t.type === 'word') {
      if ([ 'true', 'false', 'null' ].includes(t.value)) {
        return { kind: 'literal', value: t.value };
      }
      if (isOp(':') && tokens[at + 1] && tokens[at + 1].type === 'word' && tokens[at + 2] && tokens[at + 2].value === '(') {
        at++;
        const name = tokens[at++].value;
        return { kind: 'function', name: t.value + ':' + name, params: params() };
      }
      if (isOp('(')) {
        return { kind: 'function', name: t.value, params: params() };
      }
      return { kind: 'identifier', name: t.value };
    }
    if (t.value === '(') {
      const inner = expression();
      expect(')');
      return inner;
    }
    throw new Error(`unexpected '${t.value}'`);
  }

  const root = expression();
  if (at !== tokens.length) {
    throw new Error(`unexpected '${tokens[at].value}'`);
  }
  return root;
}

/** The evaluated parts (${...} and #{...}) of a text, each parsed; literal text between them is not code. */
function parse(text) {
  const parts = [];
  let i = 0;
  while (i < text.length) {
    const start = text.slice(i).search(/[$#]\{/);
    if (start < 0) {
      break;
    }
    let j = i + start + 2;
    let quote = null;
    for (; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === '\\') {
          j++;
        } else if (c === quote) {
          quote = null;
        }
      } else if (c === '"' || c === '\'') {
        quote = c;
      } else if (c === '}') {
        break;
      }
    }
    if (j >= text.length) {
      throw new Error('unterminated ${');
    }
    parts.push(parseEval(text.slice(i + start + 2, j)));
    i = j + 1;
  }
  return parts;
}

module.exports = { parse };
