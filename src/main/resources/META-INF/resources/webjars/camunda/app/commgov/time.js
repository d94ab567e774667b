// Dates in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving) whatever the browser's zone:
// decorates the webapps' camDate filter so it formats the wall-clock time of Shanghai.
define('commgov-time', ['angular'], function (angular) {
  'use strict';
  var SHANGHAI_OFFSET_MINUTES = 480;
  var ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d\d:?\d\d)?$/;

  function instantOf(value) {
    if (value instanceof Date) {
      return value.getTime();
    }
    if (typeof value === 'number') {
      return value;
    }
    var m = ISO.exec(String(value));
    if (!m) {
      return null;
    }
    var utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0), +((m[7] || '0') + '00').substring(0, 3));
    if (!m[8]) {
      return utc - SHANGHAI_OFFSET_MINUTES * 60000; // no offset given: Shanghai time
    }
    if (m[8] === 'Z') {
      return utc;
    }
    var sign = m[8][0] === '-' ? -1 : 1;
    var digits = m[8].replace(':', '');
    return utc - sign * (+digits.substring(1, 3) * 60 + +digits.substring(3, 5)) * 60000;
  }

  /** A Date whose local wall-clock reading is the Shanghai wall-clock time of the instant. */
  function shanghaiWallClock(instant) {
    var shifted = instant + (SHANGHAI_OFFSET_MINUTES + new Date(instant).getTimezoneOffset()) * 60000;
    return new Date(instant + (SHANGHAI_OFFSET_MINUTES + new Date(shifted).getTimezoneOffset()) * 60000);
  }

  return angular.module('commgov.time', []).config(['$provide', function ($provide) {
    $provide.decorator('camDateFilter', ['$delegate', function (camDate) {
      return function (value, format) {
        var instant = value ? instantOf(value) : null;
        return instant === null ? camDate(value, format) : camDate(shanghaiWallClock(instant), format);
      };
    }]);
  }]);
});
